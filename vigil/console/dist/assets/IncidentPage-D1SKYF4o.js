import{$ as e,C as t,Ct as n,I as r,J as i,Ot as a,Q as o,Tt as s,X as c,Y as l,Z as u,at as d,b as f,bt as p,c as m,cn as h,dt as g,et as _,f as v,ft as y,it as b,mt as x,rt as S,st as C,t as w,ut as T,v as E,wt as D,x as ee,z as O}from"./index-B_E433ba.js";import{n as k,t as A}from"./inputtext-X6F5rDPH.js";import{t as j}from"./tag-zuj3y56x.js";import{t as M}from"./RelativeTime-DFZCPHs7.js";import{i as N,r as P}from"./severity-DPACUH5r.js";import{t as F}from"./time-oqNHmczA.js";import{t as I}from"./EmptyState-CJrOozkN.js";var L=O.extend({name:`textarea`,style:`
    .p-textarea {
        font-family: inherit;
        font-feature-settings: inherit;
        font-size: 1rem;
        color: dt('textarea.color');
        background: dt('textarea.background');
        padding-block: dt('textarea.padding.y');
        padding-inline: dt('textarea.padding.x');
        border: 1px solid dt('textarea.border.color');
        transition:
            background dt('textarea.transition.duration'),
            color dt('textarea.transition.duration'),
            border-color dt('textarea.transition.duration'),
            outline-color dt('textarea.transition.duration'),
            box-shadow dt('textarea.transition.duration');
        appearance: none;
        border-radius: dt('textarea.border.radius');
        outline-color: transparent;
        box-shadow: dt('textarea.shadow');
    }

    .p-textarea:enabled:hover {
        border-color: dt('textarea.hover.border.color');
    }

    .p-textarea:enabled:focus {
        border-color: dt('textarea.focus.border.color');
        box-shadow: dt('textarea.focus.ring.shadow');
        outline: dt('textarea.focus.ring.width') dt('textarea.focus.ring.style') dt('textarea.focus.ring.color');
        outline-offset: dt('textarea.focus.ring.offset');
    }

    .p-textarea.p-invalid {
        border-color: dt('textarea.invalid.border.color');
    }

    .p-textarea.p-variant-filled {
        background: dt('textarea.filled.background');
    }

    .p-textarea.p-variant-filled:enabled:hover {
        background: dt('textarea.filled.hover.background');
    }

    .p-textarea.p-variant-filled:enabled:focus {
        background: dt('textarea.filled.focus.background');
    }

    .p-textarea:disabled {
        opacity: 1;
        background: dt('textarea.disabled.background');
        color: dt('textarea.disabled.color');
    }

    .p-textarea::placeholder {
        color: dt('textarea.placeholder.color');
    }

    .p-textarea.p-invalid::placeholder {
        color: dt('textarea.invalid.placeholder.color');
    }

    .p-textarea-fluid {
        width: 100%;
    }

    .p-textarea-resizable {
        overflow: hidden;
        resize: none;
    }

    .p-textarea-sm {
        font-size: dt('textarea.sm.font.size');
        padding-block: dt('textarea.sm.padding.y');
        padding-inline: dt('textarea.sm.padding.x');
    }

    .p-textarea-lg {
        font-size: dt('textarea.lg.font.size');
        padding-block: dt('textarea.lg.padding.y');
        padding-inline: dt('textarea.lg.padding.x');
    }
`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-textarea p-component`,{"p-filled":t.$filled,"p-textarea-resizable ":n.autoResize,"p-textarea-sm p-inputfield-sm":n.size===`small`,"p-textarea-lg p-inputfield-lg":n.size===`large`,"p-invalid":t.$invalid,"p-variant-filled":t.$variant===`filled`,"p-textarea-fluid":t.$fluid}]}}}),R={name:`BaseTextarea`,extends:k,props:{autoResize:Boolean},style:L,provide:function(){return{$pcTextarea:this,$parentInstance:this}}};function z(e){"@babel/helpers - typeof";return z=typeof Symbol==`function`&&typeof Symbol.iterator==`symbol`?function(e){return typeof e}:function(e){return e&&typeof Symbol==`function`&&e.constructor===Symbol&&e!==Symbol.prototype?`symbol`:typeof e},z(e)}function B(e,t,n){return(t=V(t))in e?Object.defineProperty(e,t,{value:n,enumerable:!0,configurable:!0,writable:!0}):e[t]=n,e}function V(e){var t=H(e,`string`);return z(t)==`symbol`?t:t+``}function H(e,t){if(z(e)!=`object`||!e)return e;var n=e[Symbol.toPrimitive];if(n!==void 0){var r=n.call(e,t);if(z(r)!=`object`)return r;throw TypeError(`@@toPrimitive must return a primitive value.`)}return(t===`string`?String:Number)(e)}var U={name:`Textarea`,extends:R,inheritAttrs:!1,observer:null,mounted:function(){var e=this;this.autoResize&&(this.observer=new ResizeObserver(function(){requestAnimationFrame(function(){e.resize()})}),this.observer.observe(this.$el))},updated:function(){this.autoResize&&this.resize()},beforeUnmount:function(){this.observer&&this.observer.disconnect()},methods:{resize:function(){if(this.$el.offsetParent){var e=this.$el.style.height,t=parseInt(e)||0,n=this.$el.scrollHeight;t&&n<t?(this.$el.style.height=`auto`,this.$el.style.height=`${this.$el.scrollHeight}px`):(!t||n>t)&&(this.$el.style.height=`${n}px`)}},onInput:function(e){this.autoResize&&this.resize(),this.writeValue(e.target.value,e)}},computed:{attrs:function(){return C(this.ptmi(`root`,{context:{filled:this.$filled,disabled:this.disabled}}),this.formField)},dataP:function(){return h(B({invalid:this.$invalid,fluid:this.$fluid,filled:this.$variant===`filled`},this.size,this.size))}}},W=[`value`,`name`,`disabled`,`aria-invalid`,`data-p`];U.render=function(e,t,n,r,i,a){return g(),_(`textarea`,C({class:e.cx(`root`),value:e.d_value,name:e.name,disabled:e.disabled,"aria-invalid":e.invalid||void 0,"data-p":a.dataP,onInput:t[0]||=function(){return a.onInput&&a.onInput.apply(a,arguments)}},a.attrs),null,16,W)};var G={key:1,class:`timeline`},K={class:`body`},q={class:`head`},J={key:1,class:`muted`},Y={key:0,class:`said`},X={key:1},Z={key:2,class:`error`},Q={key:3,class:`recommendations`},te={key:4,class:`facts muted`},ne={key:5},$={class:`mono`},re=f(d({__name:`IncidentTimeline`,props:{entries:{}},setup(t){let n={alert:`pi pi-bell`,state:`pi pi-arrow-right-arrow-left`,comment:`pi pi-comment`,assignment:`pi pi-user-edit`,run:`pi pi-sitemap`,health_check:`pi pi-heart`,analysis_stage:`pi pi-lightbulb`,analysis:`pi pi-lightbulb`,notify_stage:`pi pi-send`,delivery:`pi pi-send`};function r(e){return typeof e==`string`?e:``}function i(e){return Array.isArray(e.recommendations)?e.recommendations:[]}function c(e){return[`channel`,`attempts`,`duration_ms`,`check`,`target`,`provider`,`lane`].filter(t=>e[t]!==void 0&&e[t]!==null&&e[t]!==``).map(t=>[t.replace(`_`,` `),String(e[t])])}return(d,f)=>t.entries.length?(g(),_(`ol`,G,[(g(!0),_(l,null,y(t.entries,(t,d)=>(g(),_(`li`,{key:`${t.at}-${d}`,class:`entry`},[u(`i`,{class:s(n[t.kind]??`pi pi-circle`),"aria-hidden":`true`},null,2),u(`div`,K,[u(`div`,q,[u(`strong`,null,a(t.title),1),r(t.detail.status)?(g(),o(D(j),{key:0,value:r(t.detail.status),severity:D(N)(r(t.detail.status))},null,8,[`value`,`severity`])):e(``,!0),t.by?(g(),_(`span`,J,`by `+a(t.by),1)):e(``,!0),b(M,{value:t.at,class:`muted`},null,8,[`value`])]),r(t.detail.text)?(g(),_(`p`,Y,a(t.detail.text),1)):e(``,!0),r(t.detail.summary)?(g(),_(`p`,X,a(t.detail.summary),1)):e(``,!0),r(t.detail.error)?(g(),_(`p`,Z,a(t.detail.error),1)):e(``,!0),i(t.detail).length?(g(),_(`ul`,Q,[(g(!0),_(l,null,y(i(t.detail),(e,t)=>(g(),_(`li`,{key:t},[u(`strong`,null,a(e.title),1),S(` `+a(e.detail)+` `,1),(g(!0),_(l,null,y(e.commands??[],e=>(g(),_(`code`,{key:e,class:`mono`},a(e),1))),128))]))),128))])):e(``,!0),c(t.detail).length?(g(),_(`div`,te,[(g(!0),_(l,null,y(c(t.detail),([e,t])=>(g(),_(`span`,{key:e},a(e)+`: `+a(t),1))),128))])):e(``,!0),Object.keys(t.detail).length?(g(),_(`details`,ne,[f[1]||=u(`summary`,{class:`muted`},`details`,-1),u(`pre`,$,a(JSON.stringify(t.detail,null,2)),1)])):e(``,!0)])]))),128))])):(g(),o(I,{key:0,icon:`pi pi-history`,title:`Nothing recorded yet`},{default:p(()=>[...f[0]||=[S(` Alerts, state changes, checks, analysis, deliveries and comments appear here as they happen. `,-1)]]),_:1}))}}),[[`__scopeId`,`data-v-c8822735`]]),ie={class:`page`},ae={class:`page-title`},oe={class:`muted`},se={class:`facts`},ce={key:0},le={key:0,class:`toolbar`,role:`group`,"aria-label":`Actions`},ue=f(d({__name:`IncidentPage`,setup(s){let d=ee(),f=m(),h=r(),y=Number(d.params.id),C=n(null),O=n([]),k=n(null),I=n(``),L=n(``),R=n(``),z=c(()=>f.can(`responder`)),B=c(()=>C.value?.status??``);async function V(){try{let[e,t]=await Promise.all([v.get(y),v.timeline(y)]);C.value=e,O.value=t.items,R.value=e.assignee,k.value=null}catch(e){k.value=E(e)}}async function H(e,t,n){I.value=e;try{await t(),h.add({severity:`success`,summary:n,life:3e3}),await V()}catch(t){let n=E(t);h.add({severity:`error`,summary:`Could not ${e}`,detail:n,life:8e3})}finally{I.value=``}}let W=e=>H(e,()=>v.act(y,e),`Incident ${e===`close`?`closed`:`${e}d`}`);async function G(){let e=L.value.trim();e&&(await H(`comment`,()=>v.comment(y,e),`Comment added`),L.value=``)}return T(V),(n,r)=>{let s=x(`router-link`);return g(),_(`section`,ie,[b(s,{to:`/incidents`,class:`muted back`},{default:p(()=>[...r[7]||=[u(`i`,{class:`pi pi-arrow-left`,"aria-hidden":`true`},null,-1),S(` Incidents`,-1)]]),_:1}),b(w,{error:k.value},null,8,[`error`]),C.value?(g(),_(l,{key:0},[u(`h1`,ae,[b(D(j),{value:C.value.severity,severity:D(P)(C.value.severity)},null,8,[`value`,`severity`]),u(`span`,null,[u(`span`,oe,`#`+a(C.value.id),1),S(` `+a(C.value.title),1)]),b(D(j),{value:C.value.status,severity:D(N)(C.value.status)},null,8,[`value`,`severity`])]),u(`dl`,se,[u(`div`,null,[r[8]||=u(`dt`,null,`Opened`,-1),u(`dd`,null,[b(M,{value:C.value.opened_at},null,8,[`value`]),S(` · `+a(D(F)(C.value.opened_at)),1)])]),u(`div`,null,[r[9]||=u(`dt`,null,`Source`,-1),u(`dd`,null,a(C.value.source||`—`),1)]),u(`div`,null,[r[10]||=u(`dt`,null,`Environment`,-1),u(`dd`,null,a(C.value.environment||`—`),1)]),u(`div`,null,[r[11]||=u(`dt`,null,`Acknowledged`,-1),u(`dd`,null,[S(a(C.value.acknowledged_by||`—`)+` `,1),C.value.acknowledged_at?(g(),o(M,{key:0,value:C.value.acknowledged_at},null,8,[`value`])):e(``,!0)])]),u(`div`,null,[r[12]||=u(`dt`,null,`Assignee`,-1),u(`dd`,null,a(C.value.assignee||`nobody`),1)]),C.value.resolution_note?(g(),_(`div`,ce,[r[13]||=u(`dt`,null,`Resolution`,-1),u(`dd`,null,a(C.value.resolution_note),1)])):e(``,!0)]),z.value?(g(),_(`div`,le,[b(D(t),{label:`Acknowledge`,icon:`pi pi-check`,disabled:B.value!==`open`,loading:I.value===`acknowledge`,onClick:r[0]||=e=>W(`acknowledge`)},null,8,[`disabled`,`loading`]),b(D(t),{label:`Resolve`,icon:`pi pi-check-circle`,severity:`success`,disabled:B.value===`resolved`||B.value===`closed`,loading:I.value===`resolve`,onClick:r[1]||=e=>W(`resolve`)},null,8,[`disabled`,`loading`]),b(D(t),{label:`Close`,icon:`pi pi-times-circle`,severity:`secondary`,disabled:B.value===`closed`,loading:I.value===`close`,onClick:r[2]||=e=>W(`close`)},null,8,[`disabled`,`loading`]),b(D(t),{label:`Re-run the pipeline`,icon:`pi pi-refresh`,severity:`secondary`,outlined:``,loading:I.value===`re-run`,onClick:r[3]||=e=>H(`re-run`,()=>D(v).rerun(D(y)),`Pipeline queued again`)},null,8,[`loading`])])):e(``,!0),z.value?(g(),_(`form`,{key:1,class:`toolbar`,onSubmit:r[5]||=i(e=>H(`assign`,()=>D(v).assign(D(y),R.value.trim()),`Assignee saved`),[`prevent`])},[r[14]||=u(`label`,{for:`assignee`},`Assignee`,-1),b(D(A),{id:`assignee`,modelValue:R.value,"onUpdate:modelValue":r[4]||=e=>R.value=e,placeholder:`username`},null,8,[`modelValue`]),b(D(t),{type:`submit`,label:`Assign`,severity:`secondary`,outlined:``,loading:I.value===`assign`},null,8,[`loading`])],32)):e(``,!0),r[16]||=u(`h2`,null,`Timeline`,-1),b(re,{entries:O.value},null,8,[`entries`]),z.value?(g(),_(`form`,{key:2,class:`comment`,onSubmit:i(G,[`prevent`])},[r[15]||=u(`label`,{for:`comment`},`Comment`,-1),b(D(U),{id:`comment`,modelValue:L.value,"onUpdate:modelValue":r[6]||=e=>L.value=e,rows:`3`,"auto-resize":``,placeholder:`What did you find, what did you do?`},null,8,[`modelValue`]),b(D(t),{type:`submit`,label:`Add comment`,icon:`pi pi-comment`,loading:I.value===`comment`,disabled:!L.value.trim()},null,8,[`loading`,`disabled`])],32)):e(``,!0)],64)):e(``,!0)])}}}),[[`__scopeId`,`data-v-e90be30c`]]);export{ue as default};