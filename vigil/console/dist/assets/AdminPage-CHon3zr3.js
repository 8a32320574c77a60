import{$ as e,A as t,C as n,Ct as r,E as i,J as a,K as o,Kt as s,Ot as c,Q as l,Rt as u,St as d,Tt as f,Ut as p,Wt as m,Y as h,Z as g,an as ee,at as _,b as te,bt as v,cn as y,dt as b,et as x,gn as S,gt as C,ht as w,it as T,j as E,jt as D,l as O,o as ne,pt as k,qt as A,rt as j,s as M,sn as N,st as P,t as F,tn as re,ut as I,v as L,wt as R,xt as z,z as B}from"./index-D_EaeFFV.js";import{a as V,f as H,n as ie,r as ae,t as U}from"./datatable-DXdKus60.js";import{t as W}from"./inputtext-C2ejN5El.js";import{t as oe}from"./tag-YmQTtP3k.js";import{t as se}from"./EmptyState-CHJZPBhJ.js";import{t as G}from"./RelativeTime-BrdDKc1a.js";var ce=B.extend({name:`tab`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-tab`,{"p-tab-active":t.active,"p-disabled":n.disabled}]}}}),K={name:`Tab`,extends:{name:`BaseTab`,extends:E,props:{value:{type:[String,Number],default:void 0},disabled:{type:Boolean,default:!1},as:{type:[String,Object],default:`BUTTON`},asChild:{type:Boolean,default:!1}},style:ce,provide:function(){return{$pcTab:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`,`$pcTabList`],methods:{onFocus:function(){this.$pcTabs.selectOnFocus&&this.changeActiveValue()},onClick:function(){this.changeActiveValue()},onKeydown:function(e){switch(e.code){case`ArrowRight`:this.onArrowRightKey(e);break;case`ArrowLeft`:this.onArrowLeftKey(e);break;case`Home`:this.onHomeKey(e);break;case`End`:this.onEndKey(e);break;case`PageDown`:this.onPageDownKey(e);break;case`PageUp`:this.onPageUpKey(e);break;case`Enter`:case`NumpadEnter`:case`Space`:this.onEnterKey(e)}},onArrowRightKey:function(e){var t=this.findNextTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onHomeKey(e),e.preventDefault()},onArrowLeftKey:function(e){var t=this.findPrevTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onEndKey(e),e.preventDefault()},onHomeKey:function(e){var t=this.findFirstTab();this.changeFocusedTab(e,t),e.preventDefault()},onEndKey:function(e){var t=this.findLastTab();this.changeFocusedTab(e,t),e.preventDefault()},onPageDownKey:function(e){this.scrollInView(this.findLastTab()),e.preventDefault()},onPageUpKey:function(e){this.scrollInView(this.findFirstTab()),e.preventDefault()},onEnterKey:function(e){this.changeActiveValue()},findNextTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.nextElementSibling;return t?p(t,`data-p-disabled`)||p(t,`data-pc-section`)===`activebar`?this.findNextTab(t):N(t,`[data-pc-name="tab"]`):null},findPrevTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.previousElementSibling;return t?p(t,`data-p-disabled`)||p(t,`data-pc-section`)===`activebar`?this.findPrevTab(t):N(t,`[data-pc-name="tab"]`):null},findFirstTab:function(){return this.findNextTab(this.$pcTabList.$refs.tabs.firstElementChild,!0)},findLastTab:function(){return this.findPrevTab(this.$pcTabList.$refs.tabs.lastElementChild,!0)},changeActiveValue:function(){this.$pcTabs.updateValue(this.value)},changeFocusedTab:function(e,t){re(t),this.scrollInView(t)},scrollInView:function(e){var t;e==null||(t=e.scrollIntoView)==null||t.call(e,{block:`nearest`})}},computed:{active:function(){return S(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},ariaControls:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},attrs:function(){return P(this.asAttrs,this.a11yAttrs,this.ptmi(`root`,this.ptParams))},asAttrs:function(){return this.as===`BUTTON`?{type:`button`,disabled:this.disabled}:void 0},a11yAttrs:function(){return{id:this.id,tabindex:this.active?this.$pcTabs.tabindex:-1,role:`tab`,"aria-selected":this.active,"aria-controls":this.ariaControls,"data-pc-name":`tab`,"data-p-disabled":this.disabled,"data-p-active":this.active,onFocus:this.onFocus,onKeydown:this.onKeydown}},ptParams:function(){return{context:{active:this.active}}},dataP:function(){return y({active:this.active})}},directives:{ripple:i}};K.render=function(e,t,n,r,i,a){var o=w(`ripple`);return e.asChild?k(e.$slots,`default`,{key:1,dataP:a.dataP,class:f(e.cx(`root`)),active:a.active,a11yAttrs:a.a11yAttrs,onClick:a.onClick}):z((b(),l(C(e.as),P({key:0,class:e.cx(`root`),"data-p":a.dataP,onClick:a.onClick},a.attrs),{default:v(function(){return[k(e.$slots,`default`)]}),_:3},16,[`class`,`data-p`,`onClick`])),[[o]])};var q={name:`ChevronLeftIcon`,extends:t};function le(e){return pe(e)||fe(e)||de(e)||ue()}function ue(){throw TypeError(`Invalid attempt to spread non-iterable instance.
In order to be iterable, non-array objects must have a [Symbol.iterator]() method.`)}function de(e,t){if(e){if(typeof e==`string`)return J(e,t);var n={}.toString.call(e).slice(8,-1);return n===`Object`&&e.constructor&&(n=e.constructor.name),n===`Map`||n===`Set`?Array.from(e):n===`Arguments`||/^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(n)?J(e,t):void 0}}function fe(e){if(typeof Symbol<`u`&&e[Symbol.iterator]!=null||e[`@@iterator`]!=null)return Array.from(e)}function pe(e){if(Array.isArray(e))return J(e)}function J(e,t){(t==null||t>e.length)&&(t=e.length);for(var n=0,r=Array(t);n<t;n++)r[n]=e[n];return r}q.render=function(e,t,n,r,i,a){return b(),x(`svg`,P({width:`14`,height:`14`,viewBox:`0 0 14 14`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},e.pti()),le(t[0]||=[g(`path`,{d:`M9.61296 13C9.50997 13.0005 9.40792 12.9804 9.3128 12.9409C9.21767 12.9014 9.13139 12.8433 9.05902 12.7701L3.83313 7.54416C3.68634 7.39718 3.60388 7.19795 3.60388 6.99022C3.60388 6.78249 3.68634 6.58325 3.83313 6.43628L9.05902 1.21039C9.20762 1.07192 9.40416 0.996539 9.60724 1.00012C9.81032 1.00371 10.0041 1.08597 10.1477 1.22959C10.2913 1.37322 10.3736 1.56698 10.3772 1.77005C10.3808 1.97313 10.3054 2.16968 10.1669 2.31827L5.49496 6.99022L10.1669 11.6622C10.3137 11.8091 10.3962 12.0084 10.3962 12.2161C10.3962 12.4238 10.3137 12.6231 10.1669 12.7701C10.0945 12.8433 10.0083 12.9014 9.91313 12.9409C9.81801 12.9804 9.71596 13.0005 9.61296 13Z`,fill:`currentColor`},null,-1)]),16)};var me=B.extend({name:`tablist`,classes:{root:`p-tablist`,content:`p-tablist-content p-tablist-viewport`,tabList:`p-tablist-tab-list`,activeBar:`p-tablist-active-bar`,prevButton:`p-tablist-prev-button p-tablist-nav-button`,nextButton:`p-tablist-next-button p-tablist-nav-button`}}),Y={name:`TabList`,extends:{name:`BaseTabList`,extends:E,props:{},style:me,provide:function(){return{$pcTabList:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],data:function(){return{isPrevButtonEnabled:!1,isNextButtonEnabled:!0}},resizeObserver:void 0,inkBarObserver:void 0,watch:{showNavigators:function(e){e?this.bindResizeObserver():this.unbindResizeObserver()},activeValue:{flush:`post`,handler:function(){this.updateInkBar(),this.bindInkBarObserver()}}},mounted:function(){var e=this;setTimeout(function(){e.updateInkBar(),e.bindInkBarObserver()},150),this.showNavigators&&(this.updateButtonState(),this.bindResizeObserver())},updated:function(){this.showNavigators&&this.updateButtonState()},beforeUnmount:function(){this.unbindResizeObserver(),this.unbindInkBarObserver()},methods:{onScroll:function(e){this.showNavigators&&this.updateButtonState(),e.preventDefault()},onPrevButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=m(e)-t,r=Math.abs(e.scrollLeft)-n*.8,i=Math.max(r,0);e.scrollLeft=A(e)?-1*i:i},onNextButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=m(e)-t,r=Math.abs(e.scrollLeft)+n*.8,i=e.scrollWidth-n,a=Math.min(r,i);e.scrollLeft=A(e)?-1*a:a},bindResizeObserver:function(){var e=this;this.resizeObserver=new ResizeObserver(function(){return e.updateButtonState()}),this.resizeObserver.observe(this.$refs.list)},unbindResizeObserver:function(){var e;(e=this.resizeObserver)==null||e.unobserve(this.$refs.list),this.resizeObserver=void 0},bindInkBarObserver:function(){var e=this;this.unbindInkBarObserver();var t=this.$refs.content,n=N(t,`[data-pc-name="tab"][data-p-active="true"]`);n&&(this.inkBarObserver=new ResizeObserver(function(){return e.updateInkBar()}),this.inkBarObserver.observe(n))},unbindInkBarObserver:function(){var e;(e=this.inkBarObserver)==null||e.disconnect(),this.inkBarObserver=void 0},updateInkBar:function(){var e=this.$refs,t=e.content,n=e.inkbar,r=e.tabs;if(n){var i=N(t,`[data-pc-name="tab"][data-p-active="true"]`);this.$pcTabs.isVertical()?(n.style.height=D(i)+`px`,n.style.top=u(i).top-u(r).top+`px`):(n.style.width=ee(i)+`px`,n.style.left=u(i).left-u(r).left+`px`)}},updateButtonState:function(){var e=this.$refs,t=e.list,n=e.content,r=n.scrollTop,i=n.scrollWidth,a=n.scrollHeight,o=n.offsetWidth,c=n.offsetHeight,l=Math.abs(n.scrollLeft),u=[m(n),s(n)],d=u[0],f=u[1];this.$pcTabs.isVertical()?(this.isPrevButtonEnabled=r!==0,this.isNextButtonEnabled=t.offsetHeight>=c&&parseInt(r)!==a-f):(this.isPrevButtonEnabled=l!==0,this.isNextButtonEnabled=t.offsetWidth>=o&&parseInt(l)!==i-d)},getVisibleButtonWidths:function(){var e=this.$refs,t=e.prevButton,n=e.nextButton,r=0;return this.showNavigators&&(r=(t?.offsetWidth||0)+(n?.offsetWidth||0)),r}},computed:{templates:function(){return this.$pcTabs.$slots},activeValue:function(){return this.$pcTabs.d_value},showNavigators:function(){return this.$pcTabs.showNavigators},prevButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.previous:void 0},nextButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.next:void 0},dataP:function(){return y({scrollable:this.$pcTabs.scrollable})}},components:{ChevronLeftIcon:q,ChevronRightIcon:ae},directives:{ripple:i}},he=[`data-p`],ge=[`aria-label`,`tabindex`],_e=[`data-p`],ve=[`aria-orientation`],ye=[`aria-label`,`tabindex`];Y.render=function(t,n,r,i,a,o){var s=w(`ripple`);return b(),x(`div`,P({ref:`list`,class:t.cx(`root`),"data-p":o.dataP},t.ptmi(`root`)),[o.showNavigators&&a.isPrevButtonEnabled?z((b(),x(`button`,P({key:0,ref:`prevButton`,type:`button`,class:t.cx(`prevButton`),"aria-label":o.prevButtonAriaLabel,tabindex:o.$pcTabs.tabindex,onClick:n[0]||=function(){return o.onPrevButtonClick&&o.onPrevButtonClick.apply(o,arguments)}},t.ptm(`prevButton`),{"data-pc-group-section":`navigator`}),[(b(),l(C(o.templates.previcon||`ChevronLeftIcon`),P({"aria-hidden":`true`},t.ptm(`prevIcon`)),null,16))],16,ge)),[[s]]):e(``,!0),g(`div`,P({ref:`content`,class:t.cx(`content`),onScroll:n[1]||=function(){return o.onScroll&&o.onScroll.apply(o,arguments)},"data-p":o.dataP},t.ptm(`content`)),[g(`div`,P({ref:`tabs`,class:t.cx(`tabList`),role:`tablist`,"aria-orientation":o.$pcTabs.orientation||`horizontal`},t.ptm(`tabList`)),[k(t.$slots,`default`),g(`span`,P({ref:`inkbar`,class:t.cx(`activeBar`),role:`presentation`,"aria-hidden":`true`},t.ptm(`activeBar`)),null,16)],16,ve)],16,_e),o.showNavigators&&a.isNextButtonEnabled?z((b(),x(`button`,P({key:1,ref:`nextButton`,type:`button`,class:t.cx(`nextButton`),"aria-label":o.nextButtonAriaLabel,tabindex:o.$pcTabs.tabindex,onClick:n[2]||=function(){return o.onNextButtonClick&&o.onNextButtonClick.apply(o,arguments)}},t.ptm(`nextButton`),{"data-pc-group-section":`navigator`}),[(b(),l(C(o.templates.nexticon||`ChevronRightIcon`),P({"aria-hidden":`true`},t.ptm(`nextIcon`)),null,16))],16,ye)),[[s]]):e(``,!0)],16,he)};var be=B.extend({name:`tabpanel`,classes:{root:function(e){return[`p-tabpanel`,{"p-tabpanel-active":e.instance.active}]}}}),X={name:`TabPanel`,extends:{name:`BaseTabPanel`,extends:E,props:{value:{type:[String,Number],default:void 0},as:{type:[String,Object],default:`DIV`},asChild:{type:Boolean,default:!1},header:null,headerStyle:null,headerClass:null,headerProps:null,headerActionProps:null,contentStyle:null,contentClass:null,contentProps:null,disabled:Boolean},style:be,provide:function(){return{$pcTabPanel:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],computed:{active:function(){return S(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},ariaLabelledby:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},attrs:function(){return P(this.a11yAttrs,this.ptmi(`root`,this.ptParams))},a11yAttrs:function(){return{id:this.id,tabindex:this.$pcTabs?.tabindex,role:`tabpanel`,"aria-labelledby":this.ariaLabelledby,"data-pc-name":`tabpanel`,"data-p-active":this.active}},ptParams:function(){return{context:{active:this.active}}}}};X.render=function(t,n,r,i,a,s){var c,u;return s.$pcTabs?(b(),x(h,{key:1},[t.asChild?k(t.$slots,`default`,{key:1,class:f(t.cx(`root`)),active:s.active,a11yAttrs:s.a11yAttrs}):(b(),x(h,{key:0},[!((c=s.$pcTabs)!=null&&c.lazy)||s.active?z((b(),l(C(t.as),P({key:0,class:t.cx(`root`)},s.attrs),{default:v(function(){return[k(t.$slots,`default`)]}),_:3},16,[`class`])),[[o,(u=s.$pcTabs)!=null&&u.lazy?!0:s.active]]):e(``,!0)],64))],64)):k(t.$slots,`default`,{key:0})};var xe=B.extend({name:`tabpanels`,classes:{root:`p-tabpanels`}}),Z={name:`TabPanels`,extends:{name:`BaseTabPanels`,extends:E,props:{},style:xe,provide:function(){return{$pcTabPanels:this,$parentInstance:this}}},inheritAttrs:!1};Z.render=function(e,t,n,r,i,a){return b(),x(`div`,P({class:e.cx(`root`),role:`presentation`},e.ptmi(`root`)),[k(e.$slots,`default`)],16)};var Se=B.extend({name:`tabs`,style:`
    .p-tabs {
        display: flex;
        flex-direction: column;
    }

    .p-tablist {
        display: flex;
        position: relative;
        overflow: hidden;
        background: dt('tabs.tablist.background');
    }

    .p-tablist-viewport {
        overflow-x: auto;
        overflow-y: hidden;
        scroll-behavior: smooth;
        scrollbar-width: none;
        overscroll-behavior: contain auto;
    }

    .p-tablist-viewport::-webkit-scrollbar {
        display: none;
    }

    .p-tablist-tab-list {
        position: relative;
        display: flex;
        border-style: solid;
        border-color: dt('tabs.tablist.border.color');
        border-width: dt('tabs.tablist.border.width');
    }

    .p-tablist-content {
        flex-grow: 1;
    }

    .p-tablist-nav-button {
        all: unset;
        position: absolute !important;
        flex-shrink: 0;
        inset-block-start: 0;
        z-index: 2;
        height: 100%;
        display: flex;
        align-items: center;
        justify-content: center;
        background: dt('tabs.nav.button.background');
        color: dt('tabs.nav.button.color');
        width: dt('tabs.nav.button.width');
        transition:
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        box-shadow: dt('tabs.nav.button.shadow');
        outline-color: transparent;
        cursor: pointer;
    }

    .p-tablist-nav-button:focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.nav.button.focus.ring.shadow');
        outline: dt('tabs.nav.button.focus.ring.width') dt('tabs.nav.button.focus.ring.style') dt('tabs.nav.button.focus.ring.color');
        outline-offset: dt('tabs.nav.button.focus.ring.offset');
    }

    .p-tablist-nav-button:hover {
        color: dt('tabs.nav.button.hover.color');
    }

    .p-tablist-prev-button {
        inset-inline-start: 0;
    }

    .p-tablist-next-button {
        inset-inline-end: 0;
    }

    .p-tablist-prev-button:dir(rtl),
    .p-tablist-next-button:dir(rtl) {
        transform: rotate(180deg);
    }

    .p-tab {
        flex-shrink: 0;
        cursor: pointer;
        user-select: none;
        position: relative;
        border-style: solid;
        white-space: nowrap;
        gap: dt('tabs.tab.gap');
        background: dt('tabs.tab.background');
        border-width: dt('tabs.tab.border.width');
        border-color: dt('tabs.tab.border.color');
        color: dt('tabs.tab.color');
        padding: dt('tabs.tab.padding');
        font-weight: dt('tabs.tab.font.weight');
        transition:
            background dt('tabs.transition.duration'),
            border-color dt('tabs.transition.duration'),
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        margin: dt('tabs.tab.margin');
        outline-color: transparent;
    }

    .p-tab:not(.p-disabled):focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.tab.focus.ring.shadow');
        outline: dt('tabs.tab.focus.ring.width') dt('tabs.tab.focus.ring.style') dt('tabs.tab.focus.ring.color');
        outline-offset: dt('tabs.tab.focus.ring.offset');
    }

    .p-tab:not(.p-tab-active):not(.p-disabled):hover {
        background: dt('tabs.tab.hover.background');
        border-color: dt('tabs.tab.hover.border.color');
        color: dt('tabs.tab.hover.color');
    }

    .p-tab-active {
        background: dt('tabs.tab.active.background');
        border-color: dt('tabs.tab.active.border.color');
        color: dt('tabs.tab.active.color');
    }

    .p-tabpanels {
        background: dt('tabs.tabpanel.background');
        color: dt('tabs.tabpanel.color');
        padding: dt('tabs.tabpanel.padding');
        outline: 0 none;
    }

    .p-tabpanel:focus-visible {
        box-shadow: dt('tabs.tabpanel.focus.ring.shadow');
        outline: dt('tabs.tabpanel.focus.ring.width') dt('tabs.tabpanel.focus.ring.style') dt('tabs.tabpanel.focus.ring.color');
        outline-offset: dt('tabs.tabpanel.focus.ring.offset');
    }

    .p-tablist-active-bar {
        z-index: 1;
        display: block;
        position: absolute;
        inset-block-end: dt('tabs.active.bar.bottom');
        height: dt('tabs.active.bar.height');
        background: dt('tabs.active.bar.background');
        transition: 250ms cubic-bezier(0.35, 0, 0.25, 1);
    }
`,classes:{root:function(e){return[`p-tabs p-component`,{"p-tabs-scrollable":e.props.scrollable}]}}}),Q={name:`Tabs`,extends:{name:`BaseTabs`,extends:E,props:{value:{type:[String,Number],default:void 0},lazy:{type:Boolean,default:!1},scrollable:{type:Boolean,default:!1},showNavigators:{type:Boolean,default:!0},tabindex:{type:Number,default:0},selectOnFocus:{type:Boolean,default:!1}},style:Se,provide:function(){return{$pcTabs:this,$parentInstance:this}}},inheritAttrs:!1,emits:[`update:value`],data:function(){return{d_value:this.value}},watch:{value:function(e){this.d_value=e}},methods:{updateValue:function(e){this.d_value!==e&&(this.d_value=e,this.$emit(`update:value`,e))},isVertical:function(){return this.orientation===`vertical`}}};Q.render=function(e,t,n,r,i,a){return b(),x(`div`,P({class:e.cx(`root`)},e.ptmi(`root`)),[k(e.$slots,`default`)],16)};var Ce={class:`panel`},we={class:`secret`},$=te(_({__name:`ApiKeysPanel`,setup(t){let i=r([]),o=r(null),s=r(``),u=r(null),d=r(`responder`),f=r(!0);async function p(){try{i.value=(await O.keys()).items,o.value=null}catch(e){o.value=L(e)}}async function m(){try{u.value=await O.createKey(s.value.trim(),d.value,f.value?[`/alerts/webhook/`]:[]),s.value=``,await p()}catch(e){o.value=L(e)}}async function h(e){try{await O.revokeKey(e.id),await p()}catch(e){o.value=L(e)}}return I(p),(t,r)=>(b(),x(`div`,Ce,[g(`form`,{class:`toolbar`,onSubmit:a(m,[`prevent`])},[r[4]||=g(`label`,{for:`key-name`},`New key named`,-1),T(R(W),{id:`key-name`,modelValue:s.value,"onUpdate:modelValue":r[0]||=e=>s.value=e,placeholder:`alertmanager-prod`},null,8,[`modelValue`]),r[5]||=g(`label`,{for:`key-role`},`with the role`,-1),T(R(V),{modelValue:d.value,"onUpdate:modelValue":r[1]||=e=>d.value=e,"input-id":`key-role`,options:[...R(M)]},null,8,[`modelValue`,`options`]),T(R(ie),{modelValue:f.value,"onUpdate:modelValue":r[2]||=e=>f.value=e,"input-id":`key-webhook`,binary:``},null,8,[`modelValue`]),r[6]||=g(`label`,{for:`key-webhook`},`webhooks only`,-1),T(R(n),{type:`submit`,label:`Create`,icon:`pi pi-plus`,disabled:!s.value.trim()},null,8,[`disabled`])],32),u.value?.key?(b(),l(R(ne),{key:0,severity:`warn`,closable:``,onClose:r[3]||=e=>u.value=null},{default:v(()=>[r[7]||=j(` Copy the key `,-1),g(`strong`,null,c(u.value.name),1),r[8]||=j(` now; it is not shown again: `,-1),g(`code`,we,c(u.value.key),1)]),_:1})):e(``,!0),T(F,{error:o.value},null,8,[`error`]),T(R(U),{value:i.value,"data-key":`id`,size:`small`},{empty:v(()=>[T(se,{icon:`pi pi-key`,title:`No API key`},{default:v(()=>[...r[9]||=[j(` Monitoring tools and scripts authenticate with one: create it above. `,-1)]]),_:1})]),default:v(()=>[T(R(H),{field:`name`,header:`Name`}),T(R(H),{header:`Prefix`},{body:v(({data:e})=>[g(`code`,null,c(e.prefix)+`…`,1)]),_:1}),T(R(H),{field:`role`,header:`Role`}),T(R(H),{header:`Limited to`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:v(({data:e})=>[j(c(e.allowed_endpoints.join(`, `)||`every route its role allows`),1)]),_:1}),T(R(H),{header:`Created`},{body:v(({data:e})=>[T(G,{value:e.created_at},null,8,[`value`])]),_:1}),T(R(H),{header:`Last used`},{body:v(({data:e})=>[T(G,{value:e.last_used_at},null,8,[`value`])]),_:1}),T(R(H),{header:``},{body:v(({data:e})=>[e.is_active?(b(),l(R(n),{key:0,label:`Revoke`,severity:`danger`,text:``,size:`small`,onClick:t=>h(e)},null,8,[`onClick`])):(b(),l(R(oe),{key:1,value:`revoked`,severity:`secondary`}))]),_:1})]),_:1},8,[`value`])]))}}),[[`__scopeId`,`data-v-fa407b39`]]),Te={class:`mono`},Ee=_({__name:`AuditPanel`,setup(e){let t=r([]),n=r(null);return I(async()=>{try{t.value=(await O.audit({limit:200})).items}catch(e){n.value=L(e)}}),(e,r)=>(b(),x(`div`,null,[T(F,{error:n.value},null,8,[`error`]),T(R(U),{value:t.value,"data-key":`id`,size:`small`},{default:v(()=>[T(R(H),{header:`When`},{body:v(({data:e})=>[T(G,{value:e.at},null,8,[`value`])]),_:1}),T(R(H),{header:`Who`},{body:v(({data:e})=>[j(c(e.username||e.actor),1)]),_:1}),T(R(H),{field:`event`,header:`What`}),T(R(H),{field:`ip`,header:`From`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),T(R(H),{header:`Detail`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:v(({data:e})=>[g(`span`,Te,c(e.detail?JSON.stringify(e.detail):``),1)]),_:1})]),_:1},8,[`value`])]))}}),De=_({__name:`UsersPanel`,setup(e){let t=r([]),i=d({username:``,password:``,role:`viewer`}),o=r(null);async function s(){try{t.value=(await O.users()).items,o.value=null}catch(e){o.value=L(e)}}async function c(e,t){try{await O.updateUser(e.id,{role:t}),await s()}catch(e){o.value=L(e)}}async function l(){try{await O.createUser({...i,username:i.username.trim()}),Object.assign(i,{username:``,password:``}),await s()}catch(e){o.value=L(e)}}return I(s),(e,r)=>(b(),x(`div`,null,[T(F,{error:o.value},null,8,[`error`]),g(`form`,{class:`toolbar`,onSubmit:a(l,[`prevent`])},[T(R(W),{modelValue:i.username,"onUpdate:modelValue":r[0]||=e=>i.username=e,placeholder:`user name`,"aria-label":`New user's name`,autocomplete:`off`},null,8,[`modelValue`]),T(R(W),{modelValue:i.password,"onUpdate:modelValue":r[1]||=e=>i.password=e,type:`password`,placeholder:`first password`,"aria-label":`New user's password`,autocomplete:`new-password`},null,8,[`modelValue`]),T(R(V),{modelValue:i.role,"onUpdate:modelValue":r[2]||=e=>i.role=e,options:[...R(M)],"aria-label":`New user's role`},null,8,[`modelValue`,`options`]),T(R(n),{type:`submit`,label:`Add user`,icon:`pi pi-user-plus`,disabled:!i.username.trim()||!i.password},null,8,[`disabled`])],32),T(R(U),{value:t.value,"data-key":`id`,size:`small`},{default:v(()=>[T(R(H),{field:`username`,header:`User`}),T(R(H),{field:`email`,header:`Email`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),T(R(H),{header:`Role`},{body:v(({data:e})=>[T(R(V),{"model-value":e.role,options:[...R(M)],placeholder:`no role`,"aria-label":`Role of ${e.username}`,"onUpdate:modelValue":t=>c(e,t)},null,8,[`model-value`,`options`,`aria-label`,`onUpdate:modelValue`])]),_:1})]),_:1},8,[`value`])]))}}),Oe={class:`page`},ke=_({__name:`AdminPage`,setup(e){return(e,t)=>(b(),x(`section`,Oe,[t[3]||=g(`h1`,{class:`page-title`},`Admin`,-1),T(R(Q),{value:`keys`,lazy:``},{default:v(()=>[T(R(Y),null,{default:v(()=>[T(R(K),{value:`keys`},{default:v(()=>[...t[0]||=[j(`API keys`,-1)]]),_:1}),T(R(K),{value:`users`},{default:v(()=>[...t[1]||=[j(`Users and roles`,-1)]]),_:1}),T(R(K),{value:`audit`},{default:v(()=>[...t[2]||=[j(`Audit log`,-1)]]),_:1})]),_:1}),T(R(Z),null,{default:v(()=>[T(R(X),{value:`keys`},{default:v(()=>[T($)]),_:1}),T(R(X),{value:`users`},{default:v(()=>[T(De)]),_:1}),T(R(X),{value:`audit`},{default:v(()=>[T(Ee)]),_:1})]),_:1})]),_:1})]))}});export{ke as default};